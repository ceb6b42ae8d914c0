package router

// WithoutParseCache returns r with no cache of parses (pcache.go): every
// message is parsed in full, for the benchmarks that measure the parser.
func WithoutParseCache(r *Router) *Router {
	r.parsed = nil
	return r
}

// UpdateFiles reports whether the tests were asked to write the generated
// files (go generate ./router/: -update).
func UpdateFiles() bool { return *update }
