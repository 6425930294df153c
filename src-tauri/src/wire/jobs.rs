//! The shapes of the connection, sandbox and job commands of `ui/src/ipc/contract.ts` (serde camelCase).
