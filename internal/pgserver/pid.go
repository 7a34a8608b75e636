package pgserver

// PID returns the process ID of the postmaster of a server started here,
// so that its CPU can be measured; 0 for an external server.
func (s *Server) PID() int {
	if s.proc == nil || s.proc.cmd == nil || s.proc.cmd.Process == nil {
		return 0
	}
	return s.proc.cmd.Process.Pid
}
