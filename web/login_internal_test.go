package web

import (
	"fmt"
	"testing"
)

// Failures from one address cannot lock the owner out from another, a
// correct password does not count against the account, and a flood of
// names from one address is stopped by the address's own limit before it
// can push the target's count out of the table (the old limiter forgot
// everything past 50,000 keys).
func TestLoginLimiter(t *testing.T) {
	l := newLoginLimiter()
	for i := range 5 {
		if !l.allow("203.0.113.9", "chief") {
			t.Fatalf("attempt %d refused", i+1)
		}
		l.failed("203.0.113.9", "chief")
	}
	if l.allow("203.0.113.9", "chief") {
		t.Fatal("a sixth failure in a row from the attacker's address was allowed")
	}
	if !l.allow("198.51.100.7", "chief") {
		t.Fatal("the owner, from another address, is locked out by the attacker's failures")
	}
	for i := range 15 {
		if !l.allow("198.51.100.8", "editor") {
			t.Fatalf("successful login %d of an account counted against it", i+1)
		}
	}
	// An IPv6 attacker's /64 is one address.
	for i := range 20 {
		l.allow(fmt.Sprintf("2001:db8:1:2::%x", i+1), fmt.Sprintf("junk%d", i))
	}
	if l.allow("2001:db8:1:2:ffff::1", "junk-more") {
		t.Fatal("another address of the same /64 has a fresh allowance")
	}
	// A flood of names from the attacker's address stops at its limit and
	// leaves the tables as they were: the target's count is still there.
	before := l.byPair.Len()
	for i := range 50_001 {
		l.allow("203.0.113.9", fmt.Sprintf("name%d", i))
	}
	if n := l.byPair.Len(); n > before+20 {
		t.Fatalf("a flood of names from one address filled the table: %d entries", n)
	}
	if _, ok := l.byPair.Get("chief\x00203.0.113.9"); !ok {
		t.Fatal("the flood pushed the target's failures out")
	}
}
