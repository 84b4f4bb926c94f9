// A download button on the board: the file comes from the kernel over the board's own
// connection (the board is on 127.0.0.1 only), so a browser never needs a file:// link.
function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "mskit-download";
  const label = () => {
    button.textContent = `Download ${model.get("filename")}`;
    button.setAttribute("aria-label", `Download ${model.get("filename")} (${model.get("size")})`);
  };
  label();
  model.on("change:filename", label);
  button.addEventListener("click", () => model.send({ get: true }));
  model.on("msg:custom", (msg, buffers) => {
    if (!msg.file || !buffers || !buffers.length) return;
    const blob = new Blob([buffers[0]], { type: msg.type || "application/octet-stream" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = msg.file;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  el.append(button);
}
export default { render };
