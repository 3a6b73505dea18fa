package web

import "time"

// WaitImports waits until no work of import jobs runs: a synchronisation
// point for tests, which start the work themselves.
func (s *Server) WaitImports() { s.imports.running.Wait() }

// HoldPasswordChecks takes every place for a password check, as a flood
// of logins would, and makes a login wait only d for one; release gives
// them back.
func (s *Server) HoldPasswordChecks(d time.Duration) (release func()) {
	old := passwordCheckWait
	passwordCheckWait = d
	n := cap(s.passwordChecks)
	for range n {
		s.passwordChecks <- struct{}{}
	}
	return func() {
		for range n {
			<-s.passwordChecks
		}
		passwordCheckWait = old
	}
}
