-- Drives Neovim's built-in LSP client (0.7 API: vim.lsp.start_client / buf_attach_client) against
-- the Spec Delta language server on a broken spec delta, and writes what it saw as JSON for
-- test/nvim/run.mjs to assert on. Run by run.mjs as:
--   nvim --headless --clean -n -i NONE -u NONE -c "luafile test/nvim/init.lua"
-- with SPEC_DELTA_NVIM_{NODE,SERVER,WORKSPACE,FILE,RESULT} in the environment.
local env = function(name)
  local value = os.getenv(name)
  assert(value and value ~= '', name .. ' is not set')
  return value
end

local TIMEOUT_MS = 15000
local result = { errors = {} }

local function write_result()
  local file = assert(io.open(env('SPEC_DELTA_NVIM_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

-- Waits for an event by processing Neovim's event loop until `condition` holds (bounded).
local function wait_for(what, condition)
  if not vim.wait(TIMEOUT_MS, condition, 20) then
    error('timed out after ' .. TIMEOUT_MS .. ' ms waiting for ' .. what)
  end
end

-- Each step runs on its own (a failing step is recorded and the next one still runs).
local function step(name, fn)
  local ok, err = pcall(fn)
  if not ok then table.insert(result.errors, name .. ': ' .. tostring(err)) end
end

local function run()
  local workspace = env('SPEC_DELTA_NVIM_WORKSPACE')
  vim.cmd('edit ' .. vim.fn.fnameescape(env('SPEC_DELTA_NVIM_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local status_line, severity_line
  for i, line in ipairs(lines) do
    if line:find('**Status**: ', 1, true) == 1 then status_line = i - 1 end
    if line:find('**Severity**: ', 1, true) == 1 then severity_line = i - 1 end
  end
  assert(status_line and severity_line, 'no Status or Severity line in the fixture')

  local changed = 0
  vim.api.nvim_create_autocmd('DiagnosticChanged', { callback = function() changed = changed + 1 end })

  local client_id = vim.lsp.start_client({
    name = 'spec-delta',
    cmd = { env('SPEC_DELTA_NVIM_NODE'), env('SPEC_DELTA_NVIM_SERVER'), '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
  })
  assert(client_id, 'the language server did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'cannot attach the client to the buffer')
  local client = vim.lsp.get_client_by_id(client_id)
  wait_for('the server to initialize', function() return client.initialized end)

  -- Diagnostics: each publication fires DiagnosticChanged; the duplicate id needs the workspace indexed.
  step('diagnostics', function()
    local codes = function()
      local seen = {}
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do seen[d.code] = true end
      return seen
    end
    wait_for('SD001, SD006, SD007 and SD012', function()
      local seen = codes()
      return changed > 0 and seen.SD001 and seen.SD006 and seen.SD007 and seen.SD012
    end)
  end)
  result.diagnostics = vim.tbl_map(function(d)
    return { code = d.code, line = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source, message = d.message }
  end, vim.diagnostic.get(bufnr))

  step('completion', function()
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
      textDocument = { uri = uri },
      position = { line = status_line, character = #'**Status**: ' },
    }, TIMEOUT_MS)
    local items = {}
    for _, response in pairs(responses or {}) do
      if response.err then error('completion failed: ' .. vim.inspect(response.err)) end
      local list = response.result or {}
      for _, item in ipairs(list.items or list) do table.insert(items, { label = item.label, kind = item.kind }) end
    end
    result.completion = items
  end)

  -- Code actions on the Severity value, with the diagnostics Neovim has for that line as context.
  step('codeAction', function()
    local context = vim.lsp.diagnostic.get_line_diagnostics(bufnr, severity_line, {}, client_id)
    local start = #'**Severity**: '
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = { start = { line = severity_line, character = start }, ['end'] = { line = severity_line, character = #lines[severity_line + 1] } },
      context = { diagnostics = context },
    }, TIMEOUT_MS)
    local actions = {}
    for _, response in pairs(responses or {}) do
      if response.err then error('codeAction failed: ' .. vim.inspect(response.err)) end
      for _, action in ipairs(response.result or {}) do
        -- Neovim declares resolveSupport for edits: the server leaves them to codeAction/resolve,
        -- which vim.lsp.buf.code_action sends for the action chosen.
        if not action.edit and action.data then
          local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', action, TIMEOUT_MS)
          for _, r in pairs(resolved or {}) do
            if r.err then error('codeAction/resolve failed: ' .. vim.inspect(r.err)) end
            action = r.result or action
          end
        end
        local edits = action.edit and action.edit.changes and action.edit.changes[uri] or {}
        table.insert(actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred, edits = edits })
      end
    end
    result.codeActions = actions
  end)

  step('stop', function()
    vim.lsp.stop_client(client_id)
    wait_for('the server to stop', function() return vim.lsp.client_is_stopped(client_id) end)
    result.stopped = true
  end)
end

local ok, err = pcall(run)
if not ok then table.insert(result.errors, tostring(err)) end
write_result()
vim.cmd(#result.errors == 0 and 'qall!' or 'cquit! 1')
