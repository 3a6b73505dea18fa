package timeline

import "testing"

func TestNormalizeURL(t *testing.T) {
	const arabic = "https://www.enabbaladi.net/archives/سوريا-وروسيا-مرحلة-جديدة"
	for _, tc := range []struct{ in, want string }{
		{arabic, arabic},
		{"https://www.enabbaladi.net/archives/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7-%D9%88%D8%B1%D9%88%D8%B3%D9%8A%D8%A7-%D9%85%D8%B1%D8%AD%D9%84%D8%A9-%D8%AC%D8%AF%D9%8A%D8%AF%D8%A9", arabic},
		{"https://www.enabbaladi.net/archives/%d8%b3%d9%88%d8%b1%d9%8a%d8%a7-%d9%88%d8%b1%d9%88%d8%b3%d9%8a%d8%a7-%d9%85%d8%b1%d8%ad%d9%84%d8%a9-%d8%ac%d8%af%d9%8a%d8%af%d8%a9", arabic},
		{"  HTTPS://WWW.EnabBaladi.NET:443/archives/سوريا-وروسيا-مرحلة-جديدة#comments ", arabic},
		{arabic + "?utm_source=twitter&utm_medium=social&fbclid=abc", arabic},
		{"http://example.org:80", "http://example.org/"},
		{"http://example.org:8080/a", "http://example.org:8080/a"},
		{"https://example.org/a%2Fb", "https://example.org/a%2Fb"},
		{"https://example.org/%7Euser/a%20b", "https://example.org/~user/a%20b"},
		{"https://example.org/a b", "https://example.org/a%20b"},
		{"https://example.org/?id=7&utm_campaign=x&page=2", "https://example.org/?id=7&page=2"},
		{"https://example.org/?s=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7+%D8%AA%D8%B1%D9%8A%D8%AF", "https://example.org/?s=سوريا+تريد"},
		{"https://example.org/?q=a%26b", "https://example.org/?q=a%26b"},
		{"https://example.org/%FF", "https://example.org/%FF"},
		{"https://[::1]:443/x", "https://[::1]/x"},
		{"ftp://example.org/x", "ftp://example.org/x"},
		{"not a url", "not a url"},
	} {
		if got := NormalizeURL(tc.in); got != tc.want {
			t.Errorf("NormalizeURL(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if got := NormalizeURL(NormalizeURL(tc.in)); got != NormalizeURL(tc.in) {
			t.Errorf("NormalizeURL is not idempotent on %q: %q", tc.in, got)
		}
	}
}

// A bidi control in an address stays encoded: decoded, it would show
// "…/exe.pdf" as "…/fdp.exe".
func TestNormalizeURLKeepsHiddenCharactersEncoded(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com/%E2%80%AEexe.pdf":               "https://example.com/%E2%80%AEexe.pdf",
		"https://example.com/\u202eexe.pdf":                  "https://example.com/%E2%80%AEexe.pdf",
		"https://example.com/a%E2%80%8Bb":                    "https://example.com/a%E2%80%8Bb", // zero-width space
		"https://example.com/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7": "https://example.com/سوريا",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q; want %q", in, got, want)
		}
	}
}
