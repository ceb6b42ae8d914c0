package config

import (
	"errors"
	"fmt"
	"strings"
)

// expansion is the result of expanding one value.
type expansion struct {
	value string
	unset []string // variables referenced without a default and not set
}

// expand replaces environment references in s:
//
//	$$               a literal $
//	$NAME, ${NAME}   the variable, or "" when it is not set
//	${NAME:-word}    word when NAME is unset or empty
//	${NAME-word}     word when NAME is unset
//	${NAME:?message} an error with message when NAME is unset or empty
//
// A $ followed by anything else is kept as is, so "costs $5" stays.
func expand(s string, lookup func(string) (string, bool)) (expansion, error) {
	if !strings.Contains(s, "$") {
		return expansion{value: s}, nil
	}
	var out strings.Builder
	var res expansion
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			out.WriteByte(s[i])
			continue
		}
		switch c := s[i+1]; {
		case c == '$':
			out.WriteByte('$')
			i++
		case c == '{':
			end := strings.IndexByte(s[i+2:], '}')
			if end < 0 {
				return expansion{}, errors.New("unterminated ${: add the closing }")
			}
			v, unset, err := expandBraced(s[i+2:i+2+end], lookup)
			if err != nil {
				return expansion{}, err
			}
			if unset != "" {
				res.unset = append(res.unset, unset)
			}
			out.WriteString(v)
			i += 2 + end
		case isNameStart(c):
			j := i + 1
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			name := s[i+1 : j]
			v, ok := lookup(name)
			if !ok {
				res.unset = append(res.unset, name)
			}
			out.WriteString(v)
			i = j - 1
		default:
			out.WriteByte('$')
		}
	}
	res.value = out.String()
	return res, nil
}

// expandBraced expands the inside of ${...}. It returns the name of the
// variable when it is unset and has no default.
func expandBraced(expr string, lookup func(string) (string, bool)) (value, unset string, err error) {
	n := 0
	for n < len(expr) && isNameChar(expr[n]) {
		n++
	}
	name, op := expr[:n], expr[n:]
	if name == "" || !isNameStart(name[0]) {
		return "", "", fmt.Errorf("invalid variable reference ${%s}: a name is letters, digits and _, not starting with a digit", expr)
	}
	v, ok := lookup(name)
	switch {
	case op == "":
		if !ok {
			return "", name, nil
		}
		return v, "", nil
	case strings.HasPrefix(op, ":-"):
		if !ok || v == "" {
			return op[2:], "", nil
		}
		return v, "", nil
	case strings.HasPrefix(op, "-"):
		if !ok {
			return op[1:], "", nil
		}
		return v, "", nil
	case strings.HasPrefix(op, ":?"), strings.HasPrefix(op, "?"):
		if ok && (v != "" || op[0] == '?') {
			return v, "", nil
		}
		msg := strings.TrimLeft(op, ":?")
		if msg == "" {
			msg = "required"
		}
		return "", "", errors.New("environment variable " + name + " is not set: " + msg)
	}
	return "", "", fmt.Errorf("invalid variable reference ${%s}: use ${NAME}, ${NAME:-default} or ${NAME:?message}", expr)
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isNameChar(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9'
}
