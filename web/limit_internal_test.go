package web

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// The reads whose cost grows with a pair's events queue as heavy; the
// views that kept counts or a narrow window answer stay light.
func TestIsHeavy(t *testing.T) {
	year := time.Now().Year()
	for _, tc := range []struct {
		url   string
		heavy bool
	}{
		{"/pairs/sy/ru", false},
		{"/pairs/sy/ru?kind=make_visit&side=a", false},
		{"/pairs/sy/ru?page=20", false},
		{"/pairs/sy/ru?page=21", true},
		{"/pairs/sy/ru?page=2000", true},
		{"/pairs/sy/ru?from=2010&to=2011", false},
		{"/pairs/sy/ru?from=1990&to=2020", false},
		{"/pairs/sy/ru?from=1000", true},
		{"/pairs/sy/ru?from=" + strconv.Itoa(year-5), false},
		{"/pairs/sy/ru?to=2000", true},
		{"/pairs/sy/ru?from=0001&to=9999-12-31", true},
		{"/pairs/sy/ru?from=2010&to=later", true},
		{"/pairs/sy/ru/embed?from=1000&page=1999", true},
		{"/pairs/sy/ru/embed?from=2020&to=2021", false},
		{"/pairs/sy/ru/trend", true},
		{"/pairs/sy/ru?q=visit", true},
		{"/pairs/sy/ru/events.csv", true},
		{"/api/pairs/sy/ru/events", true},
		{"/countries/ru", false},
		{"/healthz", false},
	} {
		if got := isHeavy(httptest.NewRequest("GET", tc.url, nil)); got != tc.heavy {
			t.Errorf("isHeavy(%s) = %v, want %v", tc.url, got, tc.heavy)
		}
	}
}
