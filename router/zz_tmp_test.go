package router

import (
	"context"
	"fmt"
	"testing"

	"deploybot"
)

func TestZZ(t *testing.T) {
	r, _ := New([]deploybot.Project{{Name: "api", Aliases: []string{"backend"}}, {Name: "web", Aliases: []string{"site", "front"}}})
	for _, s := range []string{"what does four-eyes mean?", "what is expand and contract?"} {
		fmt.Println("=====", s)
		r.Parse(context.Background(), s, nil)
	}
}
