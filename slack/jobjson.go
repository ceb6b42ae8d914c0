package slack

import (
	"encoding/json"
	"time"
	"unicode/utf8"
)

// encodeJob is json.Marshal(j), byte for byte, written without reflection
// for the jobs every Slack delivery stores in the inbox before it is
// acknowledged. In a CPU profile of the receipt of an event
// (BenchmarkEventReceipt, issue 19) json.Marshal of the job, through its
// struct and time.Time encoders, was about a sixth of the receipt. A job
// with Blocks (a click), or a time json.Marshal refuses, goes through
// json.Marshal. TestEncodeJobIsMarshal checks the two agree.
func encodeJob(j job) ([]byte, error) {
	if len(j.Blocks) > 0 || j.At.Year() < 0 || j.At.Year() > 9999 {
		return marshalJob(j)
	}
	b := make([]byte, 0, 256+len(j.Text)+len(j.Typed)+len(j.MsgText)+len(j.ResponseURL))
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, j.Kind)
	b = append(b, `,"id":`...)
	b = appendJSONString(b, j.ID)
	b = append(b, `,"channel":`...)
	b = appendJSONString(b, j.Channel)
	b = appendOptString(b, `,"thread":`, j.Thread)
	b = appendOptString(b, `,"user":`, j.User)
	b = appendOptString(b, `,"team":`, j.Team)
	b = appendOptString(b, `,"event_team":`, j.EventTeam)
	b = appendOptString(b, `,"text":`, j.Text)
	b = append(b, `,"at":"`...)
	b = j.At.AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if j.CheckThread {
		b = append(b, `,"check_thread":true`...)
	}
	b = appendOptString(b, `,"typed":`, j.Typed)
	if j.Public {
		b = append(b, `,"public":true`...)
	}
	b = appendOptString(b, `,"response_url":`, j.ResponseURL)
	b = appendOptString(b, `,"action_id":`, j.ActionID)
	b = appendOptString(b, `,"value":`, j.Value)
	b = appendOptString(b, `,"block_id":`, j.BlockID)
	b = appendOptString(b, `,"message_ts":`, j.MessageTS)
	if j.Ephemeral {
		b = append(b, `,"ephemeral":true`...)
	}
	b = appendOptString(b, `,"msg_text":`, j.MsgText)
	return append(b, '}'), nil
}

// appendOptString appends an omitempty string field: its key and value,
// nothing when s is empty.
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	return appendJSONString(append(b, key...), s)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes it (HTML
// escaping on): ", \ and control characters escaped, <, > and & as
// \u003c and the like, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// marshalJob is json.Marshal(j): j, escaping there, is moved to the heap
// only when this runs, not at every encodeJob.
//
//go:noinline
func marshalJob(j job) ([]byte, error) { return json.Marshal(j) }
