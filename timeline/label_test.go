package timeline

import (
	"strings"
	"testing"
)

// The titles, locations and descriptions are HistoryAtState's
// (/work/shared/data/historyatstate-events.csv), and the demo's.
func TestShortTitle(t *testing.T) {
	usru, ussy := Pair{A: "US", B: "RU"}, Pair{A: "US", B: "SY"}
	for _, tt := range []struct {
		name                       string
		pair                       Pair
		title, location, describes string
		want                       string
	}{
		{"secretary abroad", usru, "Secretary Shultz visits the U.S.S.R.", "Moscow", "Discussed preparations for the Geneva Summit Meeting.", "Shultz, Moscow"},
		{"the other order of the pair", Pair{A: "RU", B: "US"}, "Secretary Shultz visits the U.S.S.R.", "Moscow", "", "Shultz, Moscow"},
		{"the first of several places", usru, "Secretary Baker visits the U.S.S.R.", "Yekaterinburg, Chelyabinsk-70", "Met with former Soviet nuclear scientists.", "Baker, Yekaterinburg"},
		{"a full name kept", usru, "President Franklin D. Roosevelt visits the U.S.S.R.", "Yalta", "Attended Yalta Conference with Soviet Premier Stalin and British Prime Minister Churchill.", "Franklin D. Roosevelt, Yalta"},
		{"Russia by its current name", usru, "Secretary Pompeo visits Russia", "Sochi", "Met with Russian Foreign Minister Sergey Lavrov and President Vladimir Putin.", "Pompeo, Sochi"},
		{"hosted, the place from the description", usru, "President Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "",
			"Summit meeting in Washington, D.C. and Camp David, Md. Afterwards visited Minneapolis-St. Paul and San Francisco.", "Mikhail S. Gorbachev, Washington"},
		{"hosted, no place said", usru, "General Secretary Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "",
			"Official Working Visit. Signed INF Treaty December 8.", "Mikhail S. Gorbachev"},
		{"hosted, at a place", usru, "Premier Khrushchev of the U.S.S.R. visits the United States", "",
			"Official visit at Washington and Camp David (Maryland) Afterwards visited New York City, Los Angeles", "Khrushchev, Washington"},
		{"hosted, a city of several words", usru, "President Mikhail S. Gorbachev of the U.S.S.R. visits the United States", "",
			"Met with President Reagan in New York City.", "Mikhail S. Gorbachev, New York City"},
		{"hosted, after the article", usru, "President Vladimir Putin of Russia visits the United States", "",
			"Met with President Obama at the UN General Assembly Meeting in New York City.", "Vladimir Putin, New York City"},
		{"Syria abroad", ussy, "Secretary Kissinger visits Syria", "Damascus", "Met with President Assad to discuss the Middle East peace process.", "Kissinger, Damascus"},
		{"Syria hosted", ussy, "Prime Minister Al-Khouri of Syria visits the United States", "",
			"Led Syrian delegation to the United Nations Conference in San Francisco.", "Al-Khouri, San Francisco"},
		{"a former state's formal name", Pair{A: "US", B: "DE"}, "Chancellor Ludwig Erhard of the Federal Republic of Germany visits the United States", "",
			"Informal visit. In U.S. September 24–27; visited Cape Kennedy.", "Ludwig Erhard"},
		{"a formal name with of", Pair{A: "US", B: "CN"}, "President Xi Jinping of the People's Republic of China visits the United States", "",
			"Met with President Obama at Rancho Mirage, California.", "Xi Jinping, Rancho Mirage"},
		{"two visitors", Pair{A: "US", B: "EG"}, "President Anwar Sadat, Prime Minister Mustafa Khalil of Egypt visit the United States", "",
			"Official visit. Signed Egyptian-Israeli Peace Treaty March 26.", "Anwar Sadat and Mustafa Khalil"},
		{"two visitors joined by and", Pair{A: "US", B: "JO"}, "King Abdullah and Crown Prince Hussein of Jordan visit the United States", "",
			"Private Visit (Lunch).", "Abdullah and Hussein"},
		{"a remark in brackets", Pair{A: "US", B: "PL"}, "Prime Minister Mikolajczyk of Poland (government-in-exile) visits the United States", "",
			"Courtesy visit. Discussed Polish-Soviet relations with President Roosevelt.", "Mikolajczyk"},
		{"no month for a place", usru, "President Boris N. Yeltsin of Russia visits the United States", "",
			"Working visit in September at the invitation of the President.", "Boris N. Yeltsin"},
		{"a visit to a third country kept", usru, "Secretary Shultz visits Finland", "Helsinki", "", "Secretary Shultz visits Finland"},
		{"a visit to a person kept", Pair{A: "SY", B: "RU"}, "Al-Sharaa visits Putin at the Kremlin", "Kremlin, Moscow", "", "Al-Sharaa visits Putin at the Kremlin"},
		{"the pair's adjectives", Pair{A: "SY", B: "RU"}, "Syrian–Soviet political ties take shape under Hafez al-Assad", "", "", "Political ties take shape under Hafez al-Assad"},
		{"the pair's adjectives the other way", Pair{A: "US", B: "RU"}, "U.S.-Soviet summit opens in Geneva", "", "", "Summit opens in Geneva"},
		{"another pair's adjectives kept", Pair{A: "US", B: "RU"}, "Egyptian-Israeli talks resume", "", "", "Egyptian-Israeli talks resume"},
		{"a statement kept", Pair{A: "SY", B: "RU"}, "Novak: Russia is ready to help rebuild Syria's infrastructure", "Moscow", "", "Novak: Russia is ready to help rebuild Syria's infrastructure"},
		{"Arabic kept", Pair{A: "SY", B: "RU"}, "الشيباني ولافروف: العلاقات تدخل مرحلة جديدة", "موسكو", "", "الشيباني ولافروف: العلاقات تدخل مرحلة جديدة"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := &Event{Title: tt.title, Location: tt.location, Description: tt.describes, Kind: KindVisit}
			if got := ShortTitle(tt.pair, e); got != tt.want {
				t.Errorf("ShortTitle(%q) = %q, want %q", tt.title, got, tt.want)
			}
		})
	}
}

func TestClusterTitle(t *testing.T) {
	usru := Pair{A: "US", B: "RU"}
	visit := func(title string) *Event { return &Event{Title: title, Kind: KindVisit} }
	shultz, baker := visit("Secretary Shultz visits the U.S.S.R."), visit("Secretary Baker visits the U.S.S.R.")
	reagan, bush := visit("President Reagan visits the U.S.S.R."), visit("President George H.W. Bush visits the U.S.S.R.")
	gorbachev := &Event{Title: "General Secretary Mikhail S. Gorbachev of the U.S.S.R. visits the United States", Kind: KindHostVisit}
	statement := &Event{Title: "Lavrov: talks were useful", Kind: KindStatement, Actors: []Actor{{Name: "Sergey Lavrov"}}}
	for _, tt := range []struct {
		name   string
		events []*Event
		max    int
		want   string
	}{
		{"names", []*Event{shultz, shultz, baker, shultz, baker}, 40, "5 visits, Shultz and Baker"},
		{"one name", []*Event{baker, baker, baker}, 40, "3 visits, Baker"},
		{"three names", []*Event{shultz, reagan, baker}, 40, "3 visits, Shultz, Reagan and Baker"},
		{"others", []*Event{shultz, reagan, baker, bush, gorbachev}, 45, "5 visits, Shultz, Reagan, Baker and 2 others"},
		{"one other", []*Event{shultz, reagan, baker, gorbachev}, 43, "4 visits, Shultz, Reagan, Baker and 1 other"},
		{"fewer names to fit", []*Event{shultz, reagan, baker, gorbachev}, 40, "4 visits, Shultz, Reagan and 2 others"},
		{"no room for names", []*Event{gorbachev, gorbachev}, 12, "2 visits"},
		{"kinds differ", []*Event{shultz, statement}, 40, "2 events, Shultz and Sergey Lavrov"},
		{"statements", []*Event{statement, statement}, 40, "2 statements, Sergey Lavrov"},
		{"no names", []*Event{{Title: "Talks", Kind: KindConsult}, {Title: "More talks", Kind: KindNegotiate}}, 40, "2 meetings"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ClusterTitle(usru, tt.events, tt.max)
			if got != tt.want {
				t.Errorf("ClusterTitle = %q, want %q", got, tt.want)
			}
			if n := len([]rune(got)); n > tt.max && strings.Contains(got, ",") {
				t.Errorf("ClusterTitle is %d characters, more than %d", n, tt.max)
			}
		})
	}
}
