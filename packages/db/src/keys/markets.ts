// Keys of the markets area (see docs/decisions/0002-table-design.md).
export {};
