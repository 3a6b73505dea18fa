package web

import (
	"bytes"
	"io"
	"os"
)

// spool holds a response until it is complete: in memory up to a limit,
// then in a temporary file, unlinked at once so that nothing outlives the
// process. An export spools what it reads, gives its connection and read
// transaction back, and only then meets the client's pace.
type spool struct {
	limit int
	buf   bytes.Buffer
	f     *os.File
	size  int64
}

func newSpool(limit int) *spool { return &spool{limit: limit} }

func (s *spool) Write(p []byte) (int, error) {
	if s.f == nil && s.buf.Len()+len(p) > s.limit {
		f, err := os.CreateTemp("", "dyad-export-*")
		if err != nil {
			return 0, err
		}
		os.Remove(f.Name())
		s.f = f
		if _, err := f.Write(s.buf.Bytes()); err != nil {
			return 0, err
		}
		s.buf = bytes.Buffer{}
	}
	var n int
	var err error
	if s.f != nil {
		n, err = s.f.Write(p)
	} else {
		n, err = s.buf.Write(p)
	}
	s.size += int64(n)
	return n, err
}

// Reader returns what was written, from the start.
func (s *spool) Reader() (io.Reader, error) {
	if s.f == nil {
		return bytes.NewReader(s.buf.Bytes()), nil
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return s.f, nil
}

func (s *spool) Close() error {
	if s.f != nil {
		return s.f.Close()
	}
	return nil
}
