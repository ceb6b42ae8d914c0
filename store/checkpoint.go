package store

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Checkpoints off the commit path.
//
// SQLite in WAL mode copies the log back into the database file (a
// checkpoint) when the log passes 1,000 pages, inside the COMMIT that
// passed it, fsyncs included. Under 32 concurrent Slack senders (issue 19)
// the group committer commits a few thousand small batches a second, and
// strace of serve under bench -only slack counted 257 fsyncs (a checkpoint
// every ~80 batches), each holding the committer, and every delivery
// waiting for it, for the copy of a thousand pages and two fsyncs: the
// acknowledgements' p99. Here no connection checkpoints by itself
// (wal_autocheckpoint = 0); a goroutine of the process runs a PASSIVE
// checkpoint, which never blocks the writer, after every checkpointBatches
// group commits and every checkpointEvery. Durability is unchanged: a
// commit is in the log (synchronous = NORMAL) whether or not it was
// copied back.

// sqliteDriver is go-sqlite3 with the connection settings the DSN cannot
// give: no automatic checkpoints, and the log truncated back to
// walSizeLimit after a checkpoint that emptied it.
const sqliteDriver = "sqlite3_deploybot"

const (
	checkpointBatches = 128
	checkpointEvery   = time.Second
	walSizeLimit      = 64 << 20
)

func init() {
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(`PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864`, nil)
		return err
	}})
}

// checkpointer runs the checkpoints of a SQLite database (see above).
type checkpointer struct {
	db   *sql.DB
	kick chan struct{} // capacity 1: checkpoint now
	stop chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func startCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, kick: make(chan struct{}, 1), stop: make(chan struct{})}
	c.wg.Go(c.run)
	return c
}

// request asks for a checkpoint soon, without waiting.
func (c *checkpointer) request() {
	if c == nil {
		return
	}
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		case <-c.kick:
		}
		// A failed checkpoint (the database closing, say) leaves the log
		// as it is: the next one copies it, and so does SQLite when the
		// last connection closes.
		_, _ = c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// close stops the checkpoints; the database's last connection, closing,
// checkpoints what is left.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	c.once.Do(func() { close(c.stop) })
	c.wg.Wait()
}
