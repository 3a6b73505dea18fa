package exchange

// SetSpoolMemory sets how much of a stream is spooled in memory, for a
// test, and returns the function that puts it back.
func SetSpoolMemory(n int) (restore func()) {
	old := spoolMemory
	spoolMemory = n
	return func() { spoolMemory = old }
}
