// The trace area's domain: schemas, rules, use-cases, ports.
export {};
