module.exports = { displayName: 'miniapp', testMatch: ['<rootDir>/__none__'], rootDir: __dirname };
