// The marketplace area's repositories (implementing packages/core/src/marketplace ports).
export {};
