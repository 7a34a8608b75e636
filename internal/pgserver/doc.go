// Package pgserver runs a throw-away PostgreSQL server for benchmark runs
// and tests, or hands out an existing one.
//
// Start looks, in order, for:
//
//   - INTBENCH_PG_DSN, else DATABASE_URL: an existing server is used as is
//     (External reports true, Close does not stop it);
//   - the server binaries initdb and postgres in INTBENCH_PG_BIN when set
//     (and only there), else on PATH, else in the newest
//     /usr/lib/postgresql/*/bin. Without them Start fails with an error
//     wrapping ErrUnavailable that says what to install.
//
// A started server is a fresh cluster in a temporary directory, listening on
// 127.0.0.1 on a free port (its Unix socket lives in the same directory),
// with trust authentication and the superuser "postgres". It is tuned for
// throw-away use: fsync, synchronous_commit and full_page_writes are off, so
// a crash of the machine may corrupt it, which does not matter because Close
// deletes it anyway. max_connections is 400, enough for 256 concurrent
// clients plus the harness's own.
//
// Fault runs need more: Options.Durable turns synchronous_commit and
// full_page_writes on, so that no acknowledged commit is lost when
// Restart crashes the server (an immediate shutdown) and starts it again
// on the same port. Settings reads what a server, started or external,
// really does; Addr and URLVia let a proxy stand between clients and the
// server.
//
// The postgres process is a child of this process in its own process group
// (a terminal's Ctrl-C does not reach it; Close shuts it down in order) and
// receives SIGTERM if this process dies. The cluster's directory then
// stays (nobody is left to remove it): each directory holds an owner lock
// (flock, released by the kernel when its owner dies, however), and Start
// removes the directories whose lock is free and where no postmaster
// runs, never one whose owner lives. PostgreSQL refuses to run as root:
// when the effective user is root, the cluster is created and run as the
// user "postgres", else "nobody".
package pgserver
