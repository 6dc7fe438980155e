package sqlite

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// TestMain lets the test binary serve as the unprivileged helper process of TestOpenReadOnly: with
// childEnv set, it only opens that path and prints the error code.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		s, err := Open(context.Background(), path, testOptions())
		if s != nil {
			s.Close()
		}
		fmt.Printf("code=%s\n", codeOf(err))
		os.Exit(0)
	}
	os.Exit(m.Run())
}
