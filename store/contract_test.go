package store_test

import (
	"os"
	"testing"

	"deploybot/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// TestContract runs the contract suite on SQLite, on SQLite with the log
// watched as the scripted chat's is (what the store keeps in memory then:
// the change counters, freezes, reads of deployments and drills), and on
// PostgreSQL (a fresh database of the server storetest finds; required in
// CI).
func TestContract(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { storetest.Run(t, e) })
	}
	t.Run("sqlite-watched", func(t *testing.T) { storetest.Run(t, storetest.SQLiteWatched()) })
}
