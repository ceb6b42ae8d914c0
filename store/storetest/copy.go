package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"deploybot"
	"deploybot/store"
)

// firstCommit is the commit time fill records on its production
// deployment.
var firstCommit = T0.Add(-50 * time.Hour)

// fill writes rows in every table of db through the store's own methods.
func fill(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mid, err := db.RecordMessage(ctx, deploybot.AuditEntry{MessageID: "m1", Platform: deploybot.PlatformSlack, User: "U1@T1",
		UserName: "élodie", Channel: "C1", Text: "déploie shop v1.2.3 en prod 🚀", Lang: deploybot.French})
	must(err)
	must(db.RecordModelUse(ctx, deploybot.ModelUse{MessageID: mid, Op: deploybot.ModelOpAnswer, Model: "m",
		Usage: deploybot.Usage{PromptTokens: 3}}))
	must(db.RecordReply(ctx, mid, "deploy", "plan #1"))
	_, _, err = db.PutSetting(ctx, deploybot.Setting{Scope: deploybot.ScopeProject, Project: "shop", Key: "approval", Value: "none", SetBy: "U1@T1"})
	must(err)
	must(db.SaveInterview(ctx, deploybot.Interview{Platform: deploybot.PlatformSlack, Channel: "C1", User: "U1@T1", Project: "shop",
		Step: 2, Agency: true, Status: deploybot.InterviewPaused}))
	d := newDeployment("shop", "production", "v1.2.3")
	d.RequestKey = "message:C1:1.0"
	id, err := db.CreateDeployment(ctx, d)
	must(err)
	must(db.RecordFirstCommit(ctx, id, firstCommit))
	d, err = db.Deployment(ctx, id)
	must(err)
	must(db.MoveDeploymentLeased(ctx, &d, deploybot.StateApproved, "bob", "", holderN(1), time.Minute))
	rb := newDeployment("shop", "production", "v1.2.2")
	rb.Action, rb.RollbackOf = deploybot.ActionRollback, id
	_, err = db.CreateDeployment(ctx, rb)
	must(err)
	_, err = db.AcquireLock(ctx, deploybot.Lock{Project: "shop", Env: "production", Holder: fmt.Sprintf("deployment #%d", id), DeploymentID: id}, time.Hour)
	must(err)
	_, err = db.AddFreeze(ctx, deploybot.Freeze{Project: "shop", From: T0, To: T0.Add(time.Hour), Reason: "soldes", CreatedBy: "U2@T1"})
	must(err)
	_, err = db.AddReminder(ctx, deploybot.Reminder{Cron: "0 9 * * 1", Channel: "#deploys", Message: "lundi", CreatedBy: "U1@T1"})
	must(err)
	_, err = db.ClaimRun(ctx, deploybot.ReminderRun{Key: "reminder:1", At: T0, Status: deploybot.RunSent, Ref: "1.1"})
	must(err)
	step := newDeployment("shop", "staging", "v1")
	step.Action, step.State = deploybot.ActionRollback, deploybot.StateRequested
	_, _, err = db.CreateDrill(ctx, deploybot.Drill{Project: "shop", Env: "staging", Requester: "alice", State: deploybot.DrillRequested,
		TargetVersion: "v1", ReturnVersion: "v2"}, step)
	must(err)
	e := store.InboxEntry{Key: "message:C1:2.0", Kind: "message", Channel: "C1", Payload: []byte{0, 1, 2, 0xff, '{'},
		ReceivedAt: T0, ExpiresAt: T0.Add(time.Hour), Holder: holderN(1), ClaimExpiresAt: T0.Add(time.Minute)}
	_, err = db.AddInbox(ctx, e)
	must(err)
	_, err = db.ReplyInbox(ctx, e.Key, 1, []byte(`[{"text":"ok"}]`))
	must(err)
	_, err = db.FirstSeen(ctx, "Ev1", time.Hour)
	must(err)
}

// dump reads every table of the database at location as sorted lines.
func dump(t *testing.T, location string) map[string][]string {
	t.Helper()
	raw := Raw(t, location)
	out := map[string][]string{}
	for _, name := range store.Tables() {
		rows, err := raw.Query(`SELECT * FROM ` + name)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(cols))
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = fmt.Sprintf("%q", b)
				} else if s, ok := v.(string); ok {
					v = fmt.Sprintf("%q", s)
				}
				parts[i] = fmt.Sprintf("%s=%v", cols[i], v)
			}
			sort.Strings(parts) // column order may differ between engines
			out[name] = append(out[name], strings.Join(parts, " "))
		}
		rows.Close()
		sort.Strings(out[name])
	}
	return out
}

func testCopyCoversEveryTable(t *testing.T, h *H) {
	db, _ := h.Open(t)
	have, err := db.SchemaTables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Sorted(slices.Values(store.Tables()))
	if !slices.Equal(have, want) {
		t.Errorf("tables in the schema: %v\ntables Copy copies:   %v", have, want)
	}
}

// testCopyRoundTrip: a database copied to SQLite and back into a new
// database of the engine holds exactly the same rows; copying again
// changes nothing; ids assigned later follow the copied ones.
func testCopyRoundTrip(t *testing.T, h *H) {
	ctx := context.Background()
	src, srcLoc := h.Open(t)
	fill(t, src)
	mid := filepath.Join(t.TempDir(), "copy.db")
	midDB := h.OpenAt(t, mid)
	dst, dstLoc := h.Open(t)

	counts, err := store.Copy(ctx, src, midDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Copy(ctx, midDB, dst); err != nil {
		t.Fatal(err)
	}
	want := dump(t, srcLoc)
	for _, loc := range []string{mid, dstLoc} {
		got := dump(t, loc)
		for _, name := range store.Tables() {
			if !slices.Equal(got[name], want[name]) {
				t.Errorf("%s differs in %s:\n got %q\nwant %q", name, store.Redact(loc), got[name], want[name])
			}
		}
	}
	// A nullable column, set in fill: read back through the store.
	ds, err := dst.FindDeployments(ctx, deploybot.DeploymentFilter{Project: "shop", Env: "production", Version: "v1.2.3"})
	if err != nil || len(ds) != 1 || !ds[0].FirstCommitAt.Equal(firstCommit) {
		t.Errorf("copied deployment: %+v, %v; want FirstCommitAt %v", ds, err, firstCommit)
	}
	byTable := map[string]int64{}
	for _, c := range counts {
		byTable[c.Table] = c.Rows
	}
	for name, rows := range want {
		if byTable[name] != int64(len(rows)) {
			t.Errorf("count of %s = %d, want %d", name, byTable[name], len(rows))
		}
		if len(rows) == 0 {
			t.Errorf("fill left %s empty: the round trip does not test it", name)
		}
	}
	// Again: the same counts, the same rows.
	again, err := store.Copy(ctx, midDB, dst)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(again) != fmt.Sprint(counts) {
		t.Errorf("second copy counts %v, first %v", again, counts)
	}
	if got := dump(t, dstLoc); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("a second copy changed the destination")
	}
	// New rows get new ids.
	id, err := dst.CreateDeployment(ctx, newDeployment("blog", "staging", "v9"))
	if err != nil {
		t.Fatal(err)
	}
	if id <= 3 {
		t.Errorf("a deployment created after the copy got id %d, which a copied row has", id)
	}
	if _, err := store.Copy(ctx, dst, dst); err == nil {
		t.Error("a copy onto itself was accepted")
	}
}

// testBackupUnderWriteLoad takes a backup while writers create and move
// deployments, restores it into a new database, and checks that the
// backup is one consistent moment (every deployment has exactly the
// events its state implies) and that the restore matches it: row counts
// and the latest deployment of each environment.
func testBackupUnderWriteLoad(t *testing.T, h *H) {
	ctx := context.Background()
	db, loc := h.Open(t)
	writer := h.OpenAt(t, loc) // another process, writing
	writer.Now = deploybot.SystemClock
	var stop atomic.Bool
	var wg sync.WaitGroup
	var written atomic.Int64
	for w := range 3 {
		wg.Go(func() {
			for i := 0; !stop.Load(); i++ {
				d := newDeployment(fmt.Sprint("p", w), fmt.Sprint("e", i%3), fmt.Sprint("v", i))
				id, err := writer.CreateDeployment(ctx, d)
				if err != nil {
					t.Error(err)
					return
				}
				d.ID, d.State = id, deploybot.StateRequested
				if err := writer.MoveDeployment(ctx, &d, deploybot.StateApproved, "bob", ""); err != nil {
					t.Error(err)
					return
				}
				written.Add(1)
			}
		})
	}
	// Let the writers write, then back up while they go on.
	for written.Load() < 20 {
		time.Sleep(5 * time.Millisecond)
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	counts, err := db.Backup(ctx, file)
	atBackup := written.Load()
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Backup(ctx, file); err == nil {
		t.Error("a backup overwrote a file")
	}
	// One moment: each deployment's events match its state.
	raw := Raw(t, file)
	var torn int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM deployments d WHERE (SELECT COUNT(*) FROM deployment_events e WHERE e.deployment_id = d.id)
		<> CASE d.state WHEN 'requested' THEN 1 ELSE 2 END`).Scan(&torn); err != nil {
		t.Fatal(err)
	}
	if torn != 0 {
		t.Errorf("%d deployments of the backup do not match their events: not one moment", torn)
	}
	var orphans int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM deployment_events e WHERE NOT EXISTS (SELECT 1 FROM deployments d WHERE d.id = e.deployment_id)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans != 0 {
		t.Errorf("%d events of deployments the backup lacks", orphans)
	}
	var n int64
	for _, c := range counts {
		if c.Table == "deployments" {
			n = c.Rows
		}
	}
	if n < 20 {
		t.Errorf("backup has %d deployments, want at least the 20 written before it (%d by its end)", n, atBackup)
	}
	// Restore into a new database of the engine.
	restored, rloc := h.Open(t)
	backup := h.OpenAt(t, file)
	rc, err := store.Copy(ctx, backup, restored)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rc) != fmt.Sprint(counts) {
		t.Errorf("restored counts %v, backup %v", rc, counts)
	}
	latest := func(location string) string {
		rows, err := Raw(t, location).Query(`SELECT project, env, MAX(id) FROM deployments GROUP BY project, env ORDER BY project, env`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var p, e string
			var id int64
			if err := rows.Scan(&p, &e, &id); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s/%s#%d", p, e, id))
		}
		return strings.Join(out, " ")
	}
	if b, r := latest(file), latest(rloc); b != r || b == "" {
		t.Errorf("latest deployment of each environment:\nbackup   %s\nrestored %s", b, r)
	}
}
