package deploybot_test

import (
	"reflect"
	"testing"
	"time"

	"deploybot"
)

// fullRequest returns a request with every reference-typed field set.
func fullRequest() deploybot.Request {
	return deploybot.Request{
		Intent:       deploybot.Intent{Route: deploybot.RouteOrchestrator, App: "api", Env: "staging"},
		Kind:         deploybot.KindCommand,
		Command:      deploybot.CmdDeny,
		Args:         map[string]string{"id": "12", "reason": "tests red"},
		Text:         "deny 12 tests red",
		Strategies:   []deploybot.Strategy{"canary", "blue-green"},
		Moment:       &deploybot.Moment{Written: "demain 9h", Days: 1, Hour: 9},
		Alternatives: []string{"deny 12", "status"},
	}
}

func TestRequestCloneIsDeep(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*deploybot.Request)
	}{
		{"args set", func(r *deploybot.Request) { r.Args["id"] = "13" }},
		{"args added", func(r *deploybot.Request) { r.Args["force"] = "yes" }},
		{"args deleted", func(r *deploybot.Request) { delete(r.Args, "reason") }},
		{"strategies", func(r *deploybot.Request) { r.Strategies[0] = "rolling" }},
		{"strategies appended", func(r *deploybot.Request) {
			r.Strategies = append(r.Strategies[:1], "recreate")
		}},
		{"moment", func(r *deploybot.Request) { r.Moment.Hour, r.Moment.In = 10, time.Hour }},
		{"alternatives", func(r *deploybot.Request) { r.Alternatives[1] = "pending" }},
		{"values", func(r *deploybot.Request) { r.App, r.Text, r.Yes = "web", "other", true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := fullRequest()
			c := orig.Clone()
			if !reflect.DeepEqual(c, orig) {
				t.Fatalf("Clone() = %+v, want %+v", c, orig)
			}
			tt.mutate(&c)
			if want := fullRequest(); !reflect.DeepEqual(orig, want) {
				t.Errorf("after mutating the clone, the original is %+v, want %+v", orig, want)
			}
		})
	}
}

func TestRequestCloneKeepsNil(t *testing.T) {
	c := deploybot.Request{Text: "hello"}.Clone()
	if c.Args != nil || c.Strategies != nil || c.Alternatives != nil || c.Moment != nil {
		t.Errorf("Clone of a request without references = %+v, want them nil", c)
	}
}

// TestRequestCloneCoversEveryReference fails when Request gains a field
// that can share memory (a map, a slice, a pointer...) that Clone does not
// copy: add it to Clone, to fullRequest, and here.
func TestRequestCloneCoversEveryReference(t *testing.T) {
	copied := map[string]bool{"Args": true, "Strategies": true, "Moment": true, "Alternatives": true}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				walk(f.Type)
				continue
			}
			switch f.Type.Kind() {
			case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface, reflect.Chan, reflect.Func, reflect.Struct, reflect.Array, reflect.UnsafePointer:
				if !copied[f.Name] {
					t.Errorf("Request.%s (%s) is not deep-copied by Clone", f.Name, f.Type)
				}
			}
		}
	}
	walk(reflect.TypeOf(deploybot.Request{}))
}
