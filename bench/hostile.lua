-- Every request with a query string and a cookie no one sent before, as a
-- visitor with analytics cookies of a parent domain (or an attacker trying
-- to bypass the page cache) would send them. bench/run.py compares this
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
  return wrk.format("GET", "/?v=" .. unique, {
    ["Cookie"] = "_ga=GA1.2." .. unique .. "; consent=" .. unique,
    ["Accept-Encoding"] = "gzip, deflate, br",
  })
end
