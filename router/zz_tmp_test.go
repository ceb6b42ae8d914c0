package router

import (
	"context"
	"fmt"
	"testing"

	"deploybot"
)

func TestZZ(t *testing.T) {
	r, _ := New([]deploybot.Project{{Name: "api", Aliases: []string{"backend"}}, {Name: "web", Aliases: []string{"site", "front"}}})
	for _, s := range []string{"roll back the front, users can't log in anymore", "rollback web, log in anymore"} {
		q := r.alone(context.Background(), s)
		fmt.Printf("%q => %+v unknownEnv=%q\n", s, q.Intent, q.UnknownEnv)
	}
}
