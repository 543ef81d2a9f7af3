-- Every request with a query string, a page number and cookies no one sent
-- before, as a visitor with analytics cookies of a parent domain (or an
-- attacker trying to bypass the page cache with a made-up session cookie
-- and endless page numbers) would send them. bench/run.py compares this
-- with plain requests of the same page.
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local counter = 0

function request()
  counter = counter + 1
  local unique = id .. "-" .. counter
  -- A session key of the usual form (32 characters), different each time.
  local session = string.format("%032d", id * 1000000000 + counter)
  return wrk.format("GET", "/?v=" .. unique .. "&page=" .. counter, {
    ["Cookie"] = "sessionid=" .. session .. "; _ga=GA1.2." .. unique .. "; consent=" .. unique,
    ["Accept-Encoding"] = "gzip, deflate, br",
  })
end
