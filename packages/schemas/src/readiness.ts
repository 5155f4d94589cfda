// Placeholder: filled in by the issue that owns this part of the contract.
export {};
