// Keys of the marketplace area (see docs/decisions/0002-table-design.md).
export {};
