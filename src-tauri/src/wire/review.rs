//! The shapes of the Review and Map-template commands of `ui/src/ipc/contract.ts` (serde camelCase).
