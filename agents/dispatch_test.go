package agents_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoAgentReadsRawText checks that no agent reads a message's text:
// only handle (behind Handle and HandleQueued) and Anticipate (which
// parses a message before its turn) hand it to the parser (and auditEntry
// records it); every other function works from the typed request.
func TestNoAgentReadsRawText(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"handle": true, "Anticipate": true, "Prepare": true, "auditEntry": true}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || allowed[fn.Name.Name] {
				continue
			}
			msgs := map[string]bool{}
			for _, p := range fn.Type.Params.List {
				if sel, ok := p.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Message" {
					for _, n := range p.Names {
						msgs[n.Name] = true
					}
				}
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "Text" {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && msgs[id.Name] {
					t.Errorf("%s: %s reads %s.Text: dispatch on the request instead", fset.Position(sel.Pos()), fn.Name.Name, id.Name)
				}
				return true
			})
		}
	}
}
