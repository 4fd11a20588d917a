-- Drives the numpy-views language server from headless Neovim 0.7.2 (its built-in LSP client) on the buffer given on
-- the command line: diagnostics, hover, inlay hints and the quick fix. Prints one "ok"/"not ok" line per check on
-- stdout and exits through :cquit with 0 when every check passed, 1 otherwise.
--
-- Environment: NV_SERVER_CMD (a JSON array, the server's command line with --stdio), NV_ROOT (the workspace root).
-- Neovim 0.7 API only: vim.lsp.start_client, buf_attach_client, vim.diagnostic.get, buf_request_sync, vim.wait.

local TIMEOUT_MS = 20000
local failures = 0

local function out(line)
  io.stdout:write(line .. "\n")
end

local function check(name, ok, detail)
  if ok then
    out("ok - " .. name)
  else
    failures = failures + 1
    out("not ok - " .. name .. (detail and (": " .. detail) or ""))
  end
  return ok
end

local function finish()
  if failures > 0 then
    -- The server's stderr and protocol errors go to Neovim's LSP log: show its end.
    local log = io.open(vim.lsp.get_log_path(), "r")
    if log then
      local lines = vim.split(log:read("*a"), "\n")
      log:close()
      out("# end of " .. vim.lsp.get_log_path() .. ":")
      for i = math.max(1, #lines - 30), #lines do
        out("# " .. lines[i])
      end
    end
  end
  out(string.format("# %d failed", failures))
  io.stdout:flush()
  vim.cmd("cquit " .. (failures == 0 and 0 or 1))
end

-- A failure inside the script (a Lua error) must also end Neovim with a failing status, not hang it.
local function guarded(fn)
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    failures = failures + 1
    out("not ok - script error: " .. tostring(err))
  end
  finish()
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
end

-- The 0-based line and column of the first occurrence of `needle` after line `from_line` (0-based).
local function find(bufnr, needle, from_line)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i = (from_line or 0) + 1, #lines do
    local col = lines[i]:find(needle, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  return nil
end

local function diagnostics_with(bufnr, code)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      table.insert(found, d)
    end
  end
  return found
end

local function describe_diagnostics(bufnr)
  local parts = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(parts, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, tostring(d.code), d.message))
  end
  return "[" .. table.concat(parts, " | ") .. "]"
end

-- The LSP form of a vim.diagnostic entry (for codeAction's context); this buffer is ASCII, so byte columns = UTF-16.
local function to_lsp(d)
  local lsp = (d.user_data and d.user_data.lsp) or {}
  return {
    range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum, character = d.end_col },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code,
    data = lsp.data,
    tags = lsp.tags,
  }
end

local function first_result(responses)
  for _, response in pairs(responses or {}) do
    if response.result ~= nil then
      return response.result
    end
    if response.err then
      return nil, vim.inspect(response.err)
    end
  end
  return nil, "no response"
end

guarded(function()
  local bufnr = vim.api.nvim_get_current_buf()
  -- The server analyses documents whose languageId is "python"; with -u NONE no filetype detection runs.
  vim.bo[bufnr].filetype = "python"
  local uri = vim.uri_from_bufnr(bufnr)
  local cmd = vim.fn.json_decode(os.getenv("NV_SERVER_CMD"))
  local root = os.getenv("NV_ROOT")
  local exited = nil

  local client_id = vim.lsp.start_client({
    name = "numpy-views",
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "workspace" } },
    on_exit = function(code, signal)
      exited = string.format("server exited: code %s, signal %s", tostring(code), tostring(signal))
    end,
  })
  if not check("server starts", client_id ~= nil) then
    return
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client
  vim.wait(TIMEOUT_MS, function()
    client = vim.lsp.get_client_by_id(client_id)
    return exited ~= nil or (client ~= nil and client.initialized == true)
  end, 20)
  if not check("server initializes", client ~= nil and client.initialized == true, exited) then
    return
  end

  -- Diagnostics: NV001 where the small view escapes.
  vim.wait(TIMEOUT_MS, function()
    return exited ~= nil or #diagnostics_with(bufnr, "NV001") > 0
  end, 20)
  local nv001 = diagnostics_with(bufnr, "NV001")[1]
  if not check("NV001 is published", nv001 ~= nil, (exited or "") .. " got " .. describe_diagnostics(bufnr)) then
    return
  end
  check("NV001 has source numpy-views", nv001.source == "numpy-views", tostring(nv001.source))
  check(
    "NV001 names the base and its size",
    nv001.message:find("huge", 1, true) ~= nil and nv001.message:find("160 MB", 1, true) ~= nil,
    nv001.message
  )
  out("# NV001 " .. (nv001.lnum + 1) .. ":" .. (nv001.col + 1) .. " " .. nv001.message)

  -- Hover on the view's assignment target names the base and its size.
  local view_line, view_col = find(bufnr, "tiny = ")
  local hover, hover_err = first_result(vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
    textDocument = { uri = uri },
    position = { line = view_line, character = view_col },
  }, TIMEOUT_MS))
  local hover_text = hover and (type(hover.contents) == "table" and (hover.contents.value or vim.inspect(hover.contents)) or tostring(hover.contents)) or ""
  -- The hover is Markdown: compare its plain text.
  hover_text = hover_text:gsub("[`*]", "")
  check(
    "hover names the base and its size",
    hover_text:find("view of huge", 1, true) ~= nil and hover_text:find("160 MB", 1, true) ~= nil,
    hover_err or hover_text
  )

  -- Inlay hints (not shown by Neovim 0.7, but the request works from any client).
  local hints, hints_err = first_result(vim.lsp.buf_request_sync(bufnr, "textDocument/inlayHint", {
    textDocument = { uri = uri },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
  }, TIMEOUT_MS))
  local labels = {}
  for _, hint in ipairs(hints or {}) do
    local label = hint.label
    if type(label) == "table" then
      local parts = {}
      for _, part in ipairs(label) do
        table.insert(parts, part.value)
      end
      label = table.concat(parts)
    end
    table.insert(labels, label)
  end
  check("an inlay hint says `view of huge`", table.concat(labels, "|"):find("view of huge", 1, true) ~= nil, hints_err or vim.inspect(labels))

  -- Quick fix: ask for code actions at the diagnostic, apply "Append `.copy()`", and see the diagnostic go away.
  local actions, actions_err = first_result(vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = to_lsp(nv001).range,
    context = { diagnostics = { to_lsp(nv001) }, only = { "quickfix" } },
  }, TIMEOUT_MS))
  local fix
  local titles = {}
  for _, action in ipairs(actions or {}) do
    table.insert(titles, action.title)
    if fix == nil and action.title:find(".copy()", 1, true) and action.edit then
      fix = action
    end
  end
  if not check("a quick fix appends .copy()", fix ~= nil, actions_err or vim.inspect(titles)) then
    return
  end
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  check("the fix edits the buffer", buffer_text(bufnr):find("return tiny.copy()", 1, true) ~= nil, buffer_text(bufnr))
  local gone = vim.wait(TIMEOUT_MS, function()
    return #diagnostics_with(bufnr, "NV001") == 0
  end, 20)
  check("NV001 goes away after the fix", gone, describe_diagnostics(bufnr))

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return exited ~= nil
  end, 20)
end)
