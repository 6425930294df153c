// What a mock command file answers for a command another file owns.
export const NOT_MINE = Symbol("not mine");
