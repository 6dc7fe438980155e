// Package app is Tavoli's window: the shell with its navigation, the registry screens (Ambito,
// comuni, areas, bodies, people, organisations), the CSV import and the first run. It calls the store
// through small interfaces and never touches SQL; store work runs off the UI goroutine and its
// results come back through the Runner.
package app

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/assets"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
	"github.com/tavoli/tavoli/data/sqlite"
	"github.com/tavoli/tavoli/data/vote"
)

// Config is what the command line hands to the window.
type Config struct {
	DBPath       string
	Installation *install.Installation
	FirstRun     bool // no operator name yet: ask "Chi usa questo computer?"
	// Bundle is a .tavoli file the program was started with (opened from the file manager): the window
	// opens on its import preview.
	Bundle  string
	Version string
}

// Store is what the window needs from a database.
type Store interface {
	data.RegistryStore
	data.MeetingStore
	VoteStore
	ProposalStore
	SynthesisStore
	ExchangeStore
	Path() string
	LastSaved() time.Time
	IsEmpty(ctx context.Context) (bool, error)
	Seed(ctx context.Context, ds data.Dataset) error
	RegisterDevice(ctx context.Context, name, operator string) error
	Devices(ctx context.Context) (map[string]data.Device, error)
	Close() error
}

// VoteStore keeps the votes held in meetings and their ballots.
type VoteStore interface {
	Votes(ctx context.Context, sessionID string) ([]data.Vote, error)
	OpenVote(ctx context.Context, v data.Vote) (data.Vote, error)
	SaveBallot(ctx context.Context, b data.VoteBallot) (data.VoteBallot, error)
	// RemoveBallot takes back a ballot entered by mistake while the vote is open.
	RemoveBallot(ctx context.Context, voteID, ballotID string) error
	MarkVoted(ctx context.Context, voteID, seatID string) error
	CloseVote(ctx context.Context, voteID string) (data.Vote, error)
	Ballots(ctx context.Context, voteID string) ([]data.VoteBallot, []string, error)
	// VoteCount is the vote as a ballot file carries it, for a recount.
	VoteCount(ctx context.Context, voteID string) (vote.Count, error)
}

// ExchangeStore moves data between laptops in .tavoli bundles and keeps the versions a merge set aside.
type ExchangeStore interface {
	Device() string // the device id this database writes as
	Peers(ctx context.Context) ([]data.Peer, error)
	Exchanges(ctx context.Context) ([]data.Exchange, error)
	ExportFile(ctx context.Context, path string, opt sqlite.ExportOptions) (data.Exchange, error)
	ExportWindow(ctx context.Context, opt sqlite.ExportOptions) (data.Exchange, error)
	MergeBundle(ctx context.Context, in *sqlite.Incoming, opt sqlite.ImportOptions) (data.ImportResult, error)
	Versions(ctx context.Context, all bool) ([]data.RecordVersion, error)
	RestoreVersion(ctx context.Context, id string) error
	DismissVersion(ctx context.Context, id string) error
}

// Runner runs work away from the UI goroutine and then done on it. Tests pass SyncRunner so that a
// test sees the result as soon as the call returns.
type Runner func(work func(), done func())

// AsyncRunner runs work in a goroutine and hands done back to the UI goroutine with fyne.Do.
func AsyncRunner(work func(), done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// SyncRunner runs work and done at once, on the calling goroutine.
func SyncRunner(work func(), done func()) {
	work()
	done()
}

// Opener opens a database file for the window.
type Opener func(ctx context.Context, path string) (Store, error)

// Run opens the main window on the configured database and runs the program until it is closed. When
// quit is closed (the program got SIGTERM or SIGINT) the window saves what is being typed and closes.
// Whatever is still pending when the window's loop stops is saved before the database is closed.
func Run(a fyne.App, cfg Config, quit <-chan struct{}) error {
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.Settings().SetTheme(newTheme())
	ui := New(a, cfg, AsyncRunner, func(ctx context.Context, path string) (Store, error) {
		return sqlite.Open(ctx, path, sqlite.Options{Device: cfg.Installation.DeviceID, Verbale: report.Verbale})
	})
	var final sync.Once
	last := func() { final.Do(ui.FlushNow) }
	a.Lifecycle().SetOnStopped(last)
	go func() {
		if quit == nil {
			return
		}
		<-quit
		ui.Leave()
	}()
	ui.Window().ShowAndRun()
	last()
	ui.Close()
	return nil
}

// title is the window's title; the Ambito's name is shown inside the window.
func title() string { return lang.L("app.title") }
