package slack

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// twoPasses is parseEnvelope before issue 19's one pass: the envelope,
// then its event (handleEvent), nil when the event did not fit innerEvent
// or is absent.
func twoPasses(body []byte) (envelope, *innerEvent, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return env, nil, err
	}
	if len(env.Event) == 0 || string(env.Event) == "null" {
		return env, nil, nil
	}
	var e innerEvent
	if json.Unmarshal(env.Event, &e) != nil {
		return env, nil, nil
	}
	return env, &e, nil
}

var envelopeBodies = []string{
	`{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"app_mention","user":"U1","text":"<@UBOT> deploy \"event\" api","ts":"1.1","channel":"C1","thread_ts":"1.0","user_team":"T2"}}`,
	`{"type":"event_callback","event_id":"Ev3","event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","text":"status","ts":"1.2"}}`,
	`{"type":"event_callback","event_id":"Ev5","event":{"type":"message","subtype":"message_changed","channel":"C1","ts":"1.2","edited":{"user":"U1"}}}`,
	`{"type":"event_callback","event_id":"Ev6","event":{"type":"assistant_thread_started","assistant_thread":{"user_id":"U1","channel_id":"D1","thread_ts":"1.3"}}}`,
	`{"type":"url_verification","token":"x","challenge":"abc"}`,
	`{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820}`,
	`{"type":"event_callback","event_id":"Ev7","event":{"type":"reaction_added","user":"U1","item":{"type":"message","channel":"C1","ts":"1.1"}}}`,
	`{"type":"event_callback","event_id":"Ev8","event":null}`,
	`{"type":"event_callback","event_id":"Ev8"}`,
	`{"type":"event_callback","event_id":"Ev8","event":5}`,
	`{"type":"event_callback","event_id":"Ev8","event":{}}`,
	`{"type":"event_callback","event_id":"Ev9","event":{"type":"app_mention","user":5}}`,
	`{"type":"event_callback","event_id":"Ev9","event":{"type":"x","assistant_thread":"no"}}`,
	`{"type":"event_callback","event_id":"Ev10","event":{"type":"app_mention","user":"U1","ts":"1.1","channel":"C1"},"event":{"type":"app_mention","text":"hi"}}`,
	`{"type":"event_callback","event_id":"Ev11","event":{"type":"app_mention","user":"U1","text":"\xff\xfe","ts":"1.1","channel":"C1"}}`,
	`{"type":5,"event":{"type":"app_mention"}}`,
	`{"type":"event_callback","event_id":"Ev12","event":{"type":"app_mention"}`,
	`{"event":{"type":"app_mention"}}`,
	`[]`,
	``,
}

// TestParseEnvelopeOnePass checks that the envelope and event read in one
// pass are those read in two.
func TestParseEnvelopeOnePass(t *testing.T) {
	for _, b := range envelopeBodies {
		checkOnePass(t, []byte(b))
	}
}

func FuzzParseEnvelope(f *testing.F) {
	for _, b := range envelopeBodies {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkOnePass(t, body) })
}

func checkOnePass(t *testing.T, body []byte) {
	t.Helper()
	got, err := parseEnvelope(body)
	want, inner, wantErr := twoPasses(body)
	if wantErr == nil && want.Type == "" {
		wantErr = malformed("event without a type")
	}
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%q: error %v, two passes %v", body, err, wantErr)
	}
	if err != nil {
		return
	}
	if got.Type != want.Type || got.Challenge != want.Challenge || got.TeamID != want.TeamID || got.EventID != want.EventID {
		t.Fatalf("%q: envelope %+v, two passes %+v", body, got, want)
	}
	if got.inner == nil && len(got.Event) == 0 {
		// No event, or null: malformed for handleEvent either way.
		if len(want.Event) != 0 && string(want.Event) != "null" {
			t.Fatalf("%q: no event, two passes %s", body, want.Event)
		}
		return
	}
	if got.inner == nil {
		// Read in two passes: handleEvent reads the event.
		if !reflect.DeepEqual(got.Event, want.Event) {
			t.Fatalf("%q: event %s, two passes %s", body, got.Event, want.Event)
		}
		return
	}
	if inner == nil || !reflect.DeepEqual(*got.inner, *inner) {
		t.Fatalf("%q: event %+v, two passes %+v", body, got.inner, inner)
	}
}

// TestReadBody checks readBody against io.ReadAll of the same limit, with
// the length known, unknown or short of the body, around 0 and maxBody.
func TestReadBody(t *testing.T) {
	for _, n := range []int{0, 1, 511, 512, 513, 4096, maxBody - 1, maxBody, maxBody + 1, maxBody + 5000} {
		body := strings.Repeat("x", n)
		for _, length := range []int64{int64(n), int64(n / 2), -1} {
			r := httptest.NewRequest(http.MethodPost, "/slack/events", iotest.HalfReader(strings.NewReader(body)))
			r.ContentLength = length
			got, err := readBody(r)
			want, _ := io.ReadAll(io.LimitReader(strings.NewReader(body), maxBody+1))
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("body of %d, length %d: %d bytes, %v; want %d", n, length, len(got), err, len(want))
			}
		}
	}
}
