package bundle

import (
	"context"
	"io"
	"os"

	"github.com/tavoli/tavoli/data"
)

// ExportOptions choose what a bundle carries and how it is protected.
type ExportOptions struct {
	// Everything exports every record, tombstones included. Otherwise the bundle carries what changed
	// here since what Peer acknowledged holding, or for anyone since what every known peer did: everything
	// as long as a peer never acknowledged anything.
	Everything bool
	// Peer names the installation the bundle is for: a device id, or its operator's or computer's
	// name as the store's Peers lists it.
	Peer         string
	Passphrase   string // required unless NoEncryption
	NoEncryption bool
	File         string // the file's name, for the history
}

// ImportOptions choose how a bundle is merged.
type ImportOptions struct {
	// DryRun merges inside a transaction that is rolled back: the preview. Nothing is written. A bundle
	// of another Ambito is previewed, and refused otherwise: it goes into a new database.
	DryRun bool
	File   string // the file's name, for the history
}

// Incoming is a bundle read and verified in full, ready to preview and merge without reading the
// file (or running the passphrase's key derivation) again.
type Incoming struct {
	Header    Header
	Records   []Record
	Encrypted bool
}

// ReadAll reads and verifies a whole bundle. Its refusals are this package's coded errors: not a
// bundle, a database, a missing or wrong passphrase, altered, truncated, newer.
func ReadAll(r io.Reader, opt ReadOptions) (*Incoming, error) {
	br, err := Open(r, opt)
	if err != nil {
		return nil, err
	}
	in := &Incoming{Encrypted: br.Encrypted()}
	for {
		rec, err := br.Next()
		if err == io.EOF { // the end, verified; a refusal may wrap io.EOF and is not the end
			break
		}
		if err != nil {
			return nil, err
		}
		in.Records = append(in.Records, rec)
	}
	in.Header = br.Header()
	return in, nil
}

// ReadFile reads and verifies the bundle at path. A file that cannot be opened is ENotFound with
// KeyOpen.
func ReadFile(path string, opt ReadOptions) (*Incoming, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, data.Errorf(data.ENotFound, KeyOpen, "path", path).Wrap(err)
	}
	defer f.Close()
	return ReadAll(f, opt)
}

// Exchanger is a database that moves its records in bundles and keeps the versions a merge set aside.
type Exchanger interface {
	Device() string // the device id this database writes as
	// Schema is the newest schema this database knows: the MaxSchema of the bundles it reads.
	Schema() int
	Peers(ctx context.Context) ([]data.Peer, error)
	Exchanges(ctx context.Context) ([]data.Exchange, error)
	ExportFile(ctx context.Context, path string, opt ExportOptions) (data.Exchange, error)
	ExportWindow(ctx context.Context, opt ExportOptions) (data.Exchange, error)
	// MergeBundle merges a bundle read by ReadAll or ReadFile; with opt.DryRun it only tells what it
	// would do.
	MergeBundle(ctx context.Context, in *Incoming, opt ImportOptions) (data.ImportResult, error)
	Versions(ctx context.Context, all bool) ([]data.RecordVersion, error)
	RestoreVersion(ctx context.Context, id string) error
	DismissVersion(ctx context.Context, id string) error
}
