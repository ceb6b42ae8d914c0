package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// The change counter's read on a SQLite connection of its own.
//
// The counter of settings and interviews (cache.go) is read once per
// message: the scripted chat reads it 30,000 times on bench's script, and
// the question path once per question. Through database/sql each read
// took a pooled connection, found the statement prepared on it, converted
// the arguments, made a *Rows, scanned and put the connection back: 13
// allocations and about a third of the read's CPU (issue 19, a CPU
// profile of bench's scripted chat: the read was 9 % of the chat's CPU, of
// which SQLite's own read transaction is two thirds). On SQLite the read
// runs on one connection kept outside the pool with its statement
// prepared once: one allocation, about 30 % less time a read
// (6.8 -> 4.6 µs in a benchmark of the two). It reads the same row, in a
// read transaction of its own begun at each read, so that it sees every
// commit made before it by any process, as the pool's read does.
//
// The connection is opened at the first read and closed once unused for
// counterIdle, as the pool closes its idle connections (an idle process
// keeps its memory low). A read that finds it busy (another goroutine is
// reading) or broken goes through the pool instead.

// counterIdle is how long the counter's connection stays open unused.
const counterIdle = sqliteConnMaxIdle

// counterReader is the change counter's connection of a SQLite database.
type counterReader struct {
	open func() (driver.Conn, error) // a new connection to the database
	idle time.Duration               // close the connection once unused this long

	mu     sync.Mutex
	conn   driver.Conn             // nil: closed
	stmt   driver.StmtQueryContext // the counter's query, prepared on conn
	dest   []driver.Value          // the row read
	used   time.Time               // the last read
	timer  *time.Timer             // closes conn once idle
	closed bool                    // DB.Close: no more connections
	opens  int                     // connections opened, for the tests
}

func newCounterReader(open func() (driver.Conn, error)) *counterReader {
	return &counterReader{open: open, idle: counterIdle, dest: make([]driver.Value, 1)}
}

var (
	// errCounterBusy: another goroutine reads the counter on the
	// connection.
	errCounterBusy = errors.New("store: change counter's connection busy")
	// errCounterClosed: the database is closed.
	errCounterClosed = errors.New("store: database closed")
)

// read returns the counter, or an error when it could not read it on its
// connection (the caller then reads it through the pool).
func (c *counterReader) read() (int64, error) {
	if c == nil {
		return 0, errCounterBusy
	}
	if !c.mu.TryLock() {
		return 0, errCounterBusy
	}
	defer c.mu.Unlock()
	if c.conn == nil {
		if err := c.openLocked(); err != nil {
			return 0, err
		}
	}
	c.used = time.Now()
	n, err := c.queryLocked()
	if err != nil {
		c.closeLocked()
		return 0, err
	}
	return n, nil
}

func (c *counterReader) queryLocked() (int64, error) {
	// Without a context that can be cancelled: go-sqlite3 watches a
	// cancellable one with a callback per query.
	rows, err := c.stmt.QueryContext(context.Background(), nil)
	if err != nil {
		return 0, err
	}
	err = rows.Next(c.dest)
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, io.EOF) {
		return 0, errors.New("store: no change counter")
	}
	if err != nil {
		return 0, err
	}
	n, ok := c.dest[0].(int64)
	if !ok {
		return 0, fmt.Errorf("store: change counter is a %T", c.dest[0])
	}
	return n, nil
}

func (c *counterReader) openLocked() error {
	if c.closed {
		return errCounterClosed
	}
	conn, err := c.open()
	if err != nil {
		return err
	}
	st, err := conn.Prepare(`SELECT n FROM change_counters WHERE name = '` + contextCounter + `'`)
	if err != nil {
		conn.Close()
		return err
	}
	q, ok := st.(driver.StmtQueryContext)
	if !ok {
		st.Close()
		conn.Close()
		return errors.New("store: the driver's statements take no context")
	}
	c.conn, c.stmt = conn, q
	c.opens++
	if c.timer == nil {
		c.timer = time.AfterFunc(c.idle, c.closeIfIdle)
	} else {
		c.timer.Reset(c.idle)
	}
	return nil
}

// closeIfIdle closes the connection when unused for c.idle, or looks
// again when it will have been.
func (c *counterReader) closeIfIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		return
	}
	if unused := time.Since(c.used); unused < c.idle {
		c.timer.Reset(c.idle - unused)
		return
	}
	c.closeLocked()
}

func (c *counterReader) closeLocked() {
	if c.conn == nil {
		return
	}
	_ = c.stmt.(driver.Stmt).Close()
	_ = c.conn.Close()
	c.conn, c.stmt = nil, nil
}

// close closes the connection for good (DB.Close).
func (c *counterReader) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.timer != nil {
		c.timer.Stop()
	}
	c.closeLocked()
}
