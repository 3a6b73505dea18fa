package extract
import ("testing";"github.com/dyadhq/dyad/timeline")
func TestDump(t *testing.T){
 text := readTestdata(t, "enab-baladi-2025-12-24-sy-ru.txt")
 for _,c:=range Candidates(Article{Text:text, Published: timeline.MustParseDate("2025-12-24")}, nil){
   t.Logf("\n%s %s %v init=%s kind=%s loc=%q\n  title=%q\n  actors=%v\n  notes=%q\n  excerpt=%q", c.Date, c.DateText, c.Countries, c.Initiator, c.Kind, c.Location, c.Title, c.Actors, c.Notes, clip(c.Excerpt,100))
 }
}
