//go:build !unix

package store

import "errors"

// mapWALIndex is not implemented here: the change counter is read at
// every message.
func mapWALIndex(string) (*walWatch, error) {
	return nil, errors.New("the log is watched on Unix only")
}
