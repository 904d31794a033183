// A table entity's own columns, as the store writes them (the record itself is JSON in chunks).
export type Column = string | number | boolean;
export type EntityProps = Record<string, Column>;
