// Imported first by the server's boot entry (boot/server.ts), before any other module of Node's is loaded.
//
// V8 checks every code cache against a hash of its flags; Node's own code cache for its built-in modules was made with
// none set. `--max-semi-space-size` has to be on the command line (launch.ts: the young generation is sized as the heap
// is made), and on Node 20 and 22 it is in that hash (Node 24's V8 leaves it out), so every built-in module loaded
// after it (crypto, net, streams…) would be compiled from source: about 7 ms of a start on Node 20. The heap being
// made, the flag is set back to its default here. The young generation keeps its size: 2 × 4 MB at the end of a
// session (test/lsp/builtins.test.ts checks it, and that nothing of Node's loads late), and as many young collections
// over 300 edits of the bench file as with the flag left set (129 on Node 20).
//
// NOTE: not inside Electron, where flags cannot be changed at run time (setRuntimeFlags says why).
import { setRuntimeFlags } from "../v8-flags";

setRuntimeFlags(["--max-semi-space-size=0"]);
