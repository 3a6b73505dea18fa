package web

// WaitImports waits until no work of import jobs runs: a synchronisation
// point for tests, which start the work themselves.
func (s *Server) WaitImports() { s.imports.running.Wait() }
