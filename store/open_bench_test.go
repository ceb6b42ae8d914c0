package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"deploybot/store"
)

// BenchmarkOpenNew is what a process pays to open a new SQLite database:
// the file, WAL mode and every migration (the bench's chat starts so,
// issue 19).
func BenchmarkOpenNew(b *testing.B) {
	dir := b.TempDir()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		db, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("new%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
