package timeline

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Role says what a person may do. Reading is public unless dyad runs
// private; writing needs an editor; managing accounts needs an admin.
type Role string

const (
	RoleViewer Role = "viewer"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// Roles lists the roles from least to most.
var Roles = []Role{RoleViewer, RoleEditor, RoleAdmin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r.rank() > 0 }

// AtLeast reports whether r may do what min may.
func (r Role) AtLeast(min Role) bool { return r.rank() >= min.rank() && r.Valid() }

// User is an account.
type User struct {
	ID        int64
	Name      string
	Role      Role
	CreatedAt time.Time
	// PasswordChangedAt is when the password was last set (zero if never
	// changed since the account was made): older sessions are void.
	PasswordChangedAt time.Time
}

// Limits on accounts.
const (
	MinPassword = 10
	MaxPassword = 200
	MaxUserName = 64
)

// ValidateUser checks a new account's name, role and (when checkPassword)
// password; errors are EINVALID with field messages under "username",
// "password" and "role".
func ValidateUser(name, password string, role Role, checkPassword bool) error {
	v := validator{fields: map[string]string{}, problems: map[string]Msg{}}
	switch {
	case name == "":
		v.problem("username", "UserNameMissing")
	case utf8.RuneCountInString(name) > MaxUserName:
		v.problem("username", "UserNameLong", "Max", MaxUserName)
	case strings.ContainsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !strings.ContainsRune("._-", r)
	}):
		v.problem("username", "UserNameCharacters")
	}
	if checkPassword {
		var e *Error
		if err := ValidatePassword(password); errors.As(err, &e) {
			v.problem("password", e.Msg.ID, e.Msg.Args...)
		}
	}
	if !role.Valid() {
		v.problem("role", "RoleUnknown")
	}
	return v.err()
}

// ValidatePassword checks a new password.
func ValidatePassword(p string) error {
	var m Msg
	switch n := utf8.RuneCountInString(p); {
	case !utf8.ValidString(p):
		m = Msg{ID: "PasswordNotText"}
	case n < MinPassword:
		m = Msg{ID: "PasswordShort", Args: []any{"Min", MinPassword}}
	case n > MaxPassword:
		m = Msg{ID: "PasswordLong", Args: []any{"Max", MaxPassword}}
	default:
		return nil
	}
	return &Error{Code: EINVALID, Message: m.English(), Msg: m}
}

// argon2id parameters (RFC 9106's second recommendation, with 64 MiB).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = PasswordThreads
	argonKeyLen  = 32
)

// PasswordThreads is how many threads (argon2's lanes) hashing a password
// keeps busy, holding 64 MiB the while; the web sizes its password checks'
// concurrency by it. A stored hash names its own lanes, and CheckPassword
// uses those: changing this changes new hashes only.
const PasswordThreads = 2

// HashPassword returns an argon2id hash in the usual encoded form
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches an encoded hash. It takes
// the same time whatever the password.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// UserService stores accounts.
type UserService interface {
	// CreateUser validates and stores a new account. EINVALID, or
	// ECONFLICT when the name is taken.
	CreateUser(ctx context.Context, name, password string, role Role) (*User, error)

	// Authenticate returns the user with that name and password, or
	// EUNAUTHORIZED "wrong username or password", taking the same time
	// whether or not the name exists.
	Authenticate(ctx context.Context, name, password string) (*User, error)

	// FindUserByID returns ENOTFOUND for an unknown id.
	FindUserByID(ctx context.Context, id int64) (*User, error)

	// ListUsers returns every account, by name.
	ListUsers(ctx context.Context) ([]*User, error)

	// SetPassword replaces a password. EINVALID, ENOTFOUND.
	SetPassword(ctx context.Context, name, password string) error

	// SetRole changes a role. EINVALID, ENOTFOUND; ECONFLICT when it would
	// leave no admin.
	SetRole(ctx context.Context, name string, role Role) error

	// DeleteUser removes an account. ENOTFOUND; ECONFLICT for the last admin.
	DeleteUser(ctx context.Context, name string) error

	// CountUsers returns how many accounts there are.
	CountUsers(ctx context.Context) (int, error)
}
