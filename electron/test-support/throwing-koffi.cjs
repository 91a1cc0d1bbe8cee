// A stand-in for koffi whose bound functions all throw. The dump thread loads it like koffi and comes up, then
// fails in the middle of its first job: what a real koffi cannot be made to do on demand, for the error path.
module.exports = {
  load: () => ({
    func: () => () => {
      throw new Error('a native call that throws');
    },
  }),
  errno: () => 0,
};
