//go:build !unix && !windows

package sqlite

// fileIdentity is empty where the system gives no portable file identity: the path and the computer
// still tell a copy.
func fileIdentity(path string) string { return "" }
