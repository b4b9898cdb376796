// Not built yet: this package exports nothing until its issue lands (see README.md).
export {};
