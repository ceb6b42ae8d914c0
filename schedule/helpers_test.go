package schedule_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"deploybot"
	"deploybot/policy"
)

var paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall-clock time in Paris.
func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, paris) }

func windows(t testing.TB, specs ...string) []policy.Window {
	t.Helper()
	var ws []policy.Window
	for _, s := range specs {
		w, err := policy.ParseWindow(s)
		if err != nil {
			t.Fatalf("ParseWindow(%q): %v", s, err)
		}
		ws = append(ws, w)
	}
	return ws
}

// agencyCalendar is the brief's calendar: French holidays, the default
// windows, in Paris, with the given freezes.
func agencyCalendar(t testing.TB, freezes ...policy.Freeze) policy.Calendar {
	hol, ok := policy.NewHolidays("FR")
	if !ok {
		t.Fatal("no FR holidays")
	}
	return policy.Calendar{Location: paris, Holidays: hol,
		Recommended: windows(t, "Tue-Thu 10:00-16:00"),
		Acceptable:  windows(t, "Mon 12:00-18:00", "Fri 09:00-12:00"),
		Avoid:       windows(t, "Fri 12:00-24:00", "Sat-Sun"),
		Freezes:     freezes}
}

// endOfYear is the freeze of the configuration example.
func endOfYear() policy.Freeze {
	return policy.Freeze{From: at(2026, 12, 20, 0, 0), To: at(2027, 1, 3, 0, 0), Environments: []string{"production"}, Reason: "fin d'année"}
}

// memStore is an in-memory deploybot.ReminderStore with the store's
// semantics: a run key and time are recorded at most once.
type memStore struct {
	mu        sync.Mutex
	reminders []deploybot.Reminder
	runs      map[string]deploybot.ReminderRun // key|time
	failLast  bool
}

func newMemStore() *memStore { return &memStore{runs: make(map[string]deploybot.ReminderRun)} }

func runID(key string, t time.Time) string { return key + "|" + t.UTC().Format(time.RFC3339Nano) }

func (m *memStore) AddReminder(_ context.Context, r deploybot.Reminder) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r.ID = int64(len(m.reminders) + 1)
	if r.CreatedAt.IsZero() {
		r.CreatedAt = time.Now()
	}
	m.reminders = append(m.reminders, r)
	return r.ID, nil
}

func (m *memStore) Reminders(context.Context) ([]deploybot.Reminder, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []deploybot.Reminder
	for _, r := range m.reminders {
		if r.DeletedAt.IsZero() {
			out = append(out, r)
		}
	}
	return out, nil
}

func (m *memStore) DeleteReminder(_ context.Context, id int64, by string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.reminders {
		if m.reminders[i].ID == id && m.reminders[i].DeletedAt.IsZero() {
			m.reminders[i].DeletedBy, m.reminders[i].DeletedAt = by, time.Now()
			return nil
		}
	}
	return deploybot.Errorf(deploybot.ENOTFOUND, "no reminder %d", id)
}

func (m *memStore) ClaimRun(_ context.Context, run deploybot.ReminderRun) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := runID(run.Key, run.At)
	if _, ok := m.runs[id]; ok {
		return false, nil
	}
	m.runs[id] = run
	return true, nil
}

func (m *memStore) FinishRun(_ context.Context, run deploybot.ReminderRun) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := runID(run.Key, run.At)
	if _, ok := m.runs[id]; !ok {
		return errors.New("no such run")
	}
	m.runs[id] = run
	return nil
}

func (m *memStore) LastRun(_ context.Context, key string) (deploybot.ReminderRun, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var last deploybot.ReminderRun
	found := false
	for _, r := range m.runs {
		if r.Key == key && (!found || r.At.After(last.At)) {
			last, found = r, true
		}
	}
	return last, found, nil
}

// runsOf returns the runs of key, in time order.
func (m *memStore) runsOf(key string) []deploybot.ReminderRun {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []deploybot.ReminderRun
	for _, r := range m.runs {
		if r.Key == key {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// post is one message a recPoster received.
type post struct {
	channel string
	reply   deploybot.Reply
	at      time.Time // when it was posted
}

// recPoster records what it is asked to post. Block, if set, is called
// inside Post (to simulate a slow or panicking platform).
type recPoster struct {
	mu      sync.Mutex
	posts   []post
	running int
	maxRun  int
	block   func(ctx context.Context, n int) error
}

func (p *recPoster) Post(ctx context.Context, channel, _ string, r deploybot.Reply) (string, error) {
	p.mu.Lock()
	p.running++
	p.maxRun = max(p.maxRun, p.running)
	n := len(p.posts)
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.running--
		p.mu.Unlock()
	}()
	if p.block != nil {
		if err := p.block(ctx, n); err != nil {
			return "", err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.posts = append(p.posts, post{channel: channel, reply: r, at: time.Now()})
	return fmt.Sprintf("p%d", len(p.posts)), nil
}

func (p *recPoster) Update(context.Context, string, deploybot.Reply) error { return nil }

func (p *recPoster) all() []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.posts)
}

// times returns when each post was made, in Paris, formatted.
func (p *recPoster) times() []string {
	var out []string
	for _, x := range p.all() {
		out = append(out, x.at.In(paris).Format("Mon 01-02 15:04 MST"))
	}
	return out
}
