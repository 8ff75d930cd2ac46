/** npm run bench: placeholder until the benchmark lands. */
console.log("bench: ещё не реализовано");
