package db

import (
	"database/sql/driver"
	"fmt"

	"modernc.org/sqlite"

	"github.com/dyadhq/dyad/timeline"
)

// SQL functions dyad's queries use, registered with the driver for every
// connection: the same Go code folds text when it is indexed and when it is
// searched.
func init() {
	text := func(name string, f func(string) driver.Value) {
		sqlite.MustRegisterDeterministicScalarFunction(name, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case nil:
				return f(""), nil
			case string:
				return f(v), nil
			case []byte:
				return f(string(v)), nil
			}
			return nil, fmt.Errorf("%s: want text, have %T", name, args[0])
		})
	}
	text("dyad_fold", func(s string) driver.Value { return timeline.Fold(s) })
	text("dyad_index_text", func(s string) driver.Value { return timeline.IndexText(s) })
	text("dyad_query", func(s string) driver.Value { return SearchTerms(s) })
}
