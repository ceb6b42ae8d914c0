package router

// WithoutParseCache returns r with no cache of parses (pcache.go): every
// message is parsed in full, for the benchmarks that measure the parser.
func WithoutParseCache(r *Router) *Router {
	r.parsed = nil
	return r
}
