package slack

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

// TestEncodeJobIsMarshal checks encodeJob against json.Marshal, byte for
// byte: on the jobs of every kind and on random ones whose strings hold
// what JSON escapes (quotes, control characters, HTML characters, invalid
// UTF-8, U+2028); a job json.Marshal refuses is refused too.
func TestEncodeJobIsMarshal(t *testing.T) {
	at := time.Date(2026, 11, 24, 11, 0, 0, 123456789, time.FixedZone("CET", 3600))
	jobs := []job{
		{},
		{Kind: kindMessage, ID: "Ev1", Channel: "C1", Thread: "1700000000.000001", User: "U1", Team: "T1", EventTeam: "T0",
			Text: "<@UBOT> what is a canary release?", At: at, CheckThread: true},
		{Kind: kindCommand, ID: "command:abc", Channel: "C2", User: "U2", Typed: "/deploy api prod", Public: true,
			ResponseURL: "https://hooks.slack.com/commands/T/1/x?a=1&b=2", At: at.UTC()},
		{Kind: kindClick, ID: "click:1", Channel: "C3", ActionID: "approve", Value: "14", BlockID: "b", MessageTS: "1.2",
			Ephemeral: true, MsgText: "Approve?", At: time.Unix(1700000000, 0)},
		{Kind: kindClick, Blocks: json.RawMessage(`[ {"type": "section"} ]`), At: at},
		{Kind: kindMessage, At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	alphabet := []string{"a", "é", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<", ">", "&",
		"\u2028", "\u2029", "\xff", "\xe2\x80", "日本", "\U0001F600", " ", "/", "'"}
	rnd := rand.New(rand.NewPCG(19, 19))
	str := func() string {
		var b []byte
		for range rnd.IntN(12) {
			b = append(b, alphabet[rnd.IntN(len(alphabet))]...)
		}
		return string(b)
	}
	for range 2000 {
		jobs = append(jobs, job{Kind: str(), ID: str(), Channel: str(), Thread: str(), User: str(), Team: str(),
			EventTeam: str(), Text: str(), At: at.Add(time.Duration(rnd.Int64N(1 << 50))), CheckThread: rnd.IntN(2) == 0,
			Typed: str(), Public: rnd.IntN(2) == 0, ResponseURL: str(), ActionID: str(), Value: str(), BlockID: str(),
			MessageTS: str(), Ephemeral: rnd.IntN(2) == 0, MsgText: str()})
	}
	for i, j := range jobs {
		want, wantErr := json.Marshal(j)
		got, err := encodeJob(j)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("job %d: encodeJob = %s, %v; json.Marshal = %s, %v", i, got, err, want, wantErr)
		}
	}
}

func BenchmarkEncodeJob(b *testing.B) {
	j := job{Kind: kindMessage, ID: "EvB123", Channel: "C12", Thread: "1700000000.000123", User: "U1", EventTeam: "T0BENCH",
		Text: "<@UBOT> what is a canary release?", At: time.Unix(1700000000, 123000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeJob(j); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalJob(b *testing.B) {
	j := job{Kind: kindMessage, ID: "EvB123", Channel: "C12", Thread: "1700000000.000123", User: "U1", EventTeam: "T0BENCH",
		Text: "<@UBOT> what is a canary release?", At: time.Unix(1700000000, 123000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(j); err != nil {
			b.Fatal(err)
		}
	}
}
