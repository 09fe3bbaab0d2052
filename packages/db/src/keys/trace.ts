// Keys of the trace area (see docs/decisions/0002-table-design.md).
export {};
